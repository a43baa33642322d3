// The only send is in `finally`: it runs once whether the load fails or not.
async function loadPreferences(user) {
  return { user, theme: 'light' };
}

export default async function handler(req, res) {
  let preferences;
  try {
    preferences = await loadPreferences(req.query.user ?? 'ada');
  } catch (error) {
    console.warn('using defaults', error);
    preferences = null;
  } finally {
    res.json({ preferences });
  }
}
