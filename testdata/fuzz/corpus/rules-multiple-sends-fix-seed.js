// pages/api/data.js
export default async function handler(req, res) {
  const data1 = await fetchDataFromSource1();
  res.json(data1); // First response sent here

  const data2 = await fetchDataFromSource2();
  res.json(data2); // Second response attempt - causes the error!
}

async function fetchDataFromSource1() {
  // ... some asynchronous data fetching logic ...
  return { source: '1', data: 'some data' };
}

async function fetchDataFromSource2() {
  // ... some asynchronous data fetching logic ...
  return { source: '2', data: 'more data' };
}
