// The catch picks 400 or 500 with a braceless if/else; indexing after the 201 can throw.
class ValidationError extends Error {}

async function parseForm(body) {
  if (!body.name) throw new ValidationError('name is required');
  return { name: body.name };
}

async function indexForSearch(form) {
  return form.name.toLowerCase();
}

export default async function handler(req, res) {
  try {
    const form = await parseForm(req.body);
    res.status(201).json(form);
    await indexForSearch(form);
  } catch (error) {
    if (error instanceof ValidationError) res.status(400).json({ error: error.message });
    else res.status(500).json({ error: 'could not save' });
  }
}
