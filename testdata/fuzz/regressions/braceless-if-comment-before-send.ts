router.get("/items/:id", async (req: Request, res: Response) => {
  const team: Item = await getTeam();if (a) 
  // about the next line
  res.json(team); // trailing
  if (b) /* block */ res.json({ b: true });
  res.json({ data: team });
});
