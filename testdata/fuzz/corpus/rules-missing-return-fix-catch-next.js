exports.getGithub = async (req, res, next) => {
  let repos;
  try {
    repos = await github.listRepos(req.user.token);
  } catch (error) {
    next(error);
  }
  res.render('api/github', { title: 'GitHub API', repos });
};
