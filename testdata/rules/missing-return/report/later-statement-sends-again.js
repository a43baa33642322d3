// The send in the `try` block is followed, in the same block, by a branch that sends again:
// a `return` at the end of the block would not separate them, so which answer is meant is
// left to the author.
export default async function handler(req, res) {
  try {
    res.json({ ok: true });
    if (req.query.verbose) {
      res.json({ ok: true, verbose: true });
    }
  } catch (err) {
    console.error('failed', err);
  }
}
