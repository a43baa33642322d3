// pages/api/data.js: the seed bug, two independent awaits and two sends.
async function fetchDataFromSource1() {
  return { source: '1', data: 'some data' };
}

async function fetchDataFromSource2() {
  return { source: '2', data: 'more data' };
}

export default async function handler(req, res) {
  const data1 = await fetchDataFromSource1();
  res.json(data1); // First response sent here

  const data2 = await fetchDataFromSource2();
  res.json(data2); // Second response attempt - causes the error!
}
