// module.exports arrow handler: three awaits, three sends.
async function fetchWeather(city) {
  return { city, temperature: 21 };
}

async function fetchNews(city) {
  return [{ city, headline: 'Local codemod fixes handlers' }];
}

async function fetchEvents(city) {
  return [{ city, name: 'Meetup' }];
}

module.exports = async (req, res) => {
  const city = req.query.city || 'Lisbon';
  const weather = await fetchWeather(city);
  res.json(weather);
  const news = await fetchNews(city);
  res.json(news);
  const events = await fetchEvents(city);
  res.json(events);
};
