// `next()` after a send: an endpoint's next handler is unknown here (maybe only Express's final
// handler, which answers nothing once headers went out); a middleware's next handler exists.
export function login(req, res, next) {
  res.json({ token: sign(req.body.email) });
  next();
}

export function requireAdmin(req, res, next) {
  if (!req.user.admin) {
    res.status(403).end();
  }
  next();
}

// `next()` after `next(err)` finds no handler left: the error pass ran to the end of the stacks.
export async function loadPost(req, res, next) {
  try {
    req.post = await Post.findByPk(req.params.id);
  } catch (error) {
    next(error);
  }
  next();
}
