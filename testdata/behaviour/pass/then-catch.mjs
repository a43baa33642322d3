// A promise chain whose .then sends and whose .catch sends: one or the other runs.
async function loadTags() {
  return ['rust', 'node'];
}

export default function handler(req, res) {
  return loadTags()
    .then((tags) => res.status(200).json({ tags }))
    .catch((error) => {
      console.error(error);
      res.status(500).json({ error: 'could not load tags' });
    });
}
