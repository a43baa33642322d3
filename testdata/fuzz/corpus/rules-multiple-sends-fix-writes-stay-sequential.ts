import type { Request, Response } from 'express';
import { prisma } from '../db';

export const createTodo = async (req: Request, res: Response) => {
  const created = await prisma.todo.create({ data: req.body });
  res.status(201).json(created);

  const todos = await prisma.todo.findMany();
  const count = await prisma.todo.count();
  res.status(201).json(todos);
  res.status(201).json(count);
};
