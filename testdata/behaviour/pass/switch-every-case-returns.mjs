// Every case of the switch returns its send; the 405 only runs for other methods.
const notes = [{ id: 'n1', text: 'hi' }];

async function listNotes() {
  return notes;
}

async function addNote(text) {
  const note = { id: `n${notes.length + 1}`, text };
  notes.push(note);
  return note;
}

export default async function handler(req, res) {
  switch (req.method) {
    case 'GET':
      return res.status(200).json(await listNotes());
    case 'POST': {
      const note = await addNote(req.body.text ?? '');
      return res.status(201).json(note);
    }
    default:
      res.setHeader('Allow', 'GET, POST');
      return res.status(405).end(`Method ${req.method} Not Allowed`);
  }
}
