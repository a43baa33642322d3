// A write (createTodo) must run before the reads that see it; the reads may run together.
const todos = [];

async function createTodo(data) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const todo = { id: String(todos.length + 1), ...data };
  todos.push(todo);
  return todo;
}

async function findTodos() {
  return todos.map((todo) => todo.id);
}

async function countTodos() {
  return todos.length;
}

export default async function handler(req, res) {
  const created = await createTodo({ title: req.body.title ?? 'write tests' });
  res.status(201).json(created);

  const ids = await findTodos();
  const count = await countTodos();
  res.status(201).json({ ids, count });
}
