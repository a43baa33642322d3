export default async (req, res) => {
  const weather = await fetchWeather(req.query.city);
  res.json(weather);
  const news = await fetchNews(req.query.city);
  res.json(news);
  const events = await fetchEvents(req.query.city);
  res.json(events);
};
