// Express route: metrics after the response throw, and the catch calls next(err).
const express = require('express');

const router = express.Router();

async function storeFile(file) {
  return { url: `https://cdn.example.com/${file?.name ?? 'upload.bin'}` };
}

function incrementMetric(name) {
  return name;
}

router.post('/upload', async (req, res, next) => {
  try {
    const file = await storeFile(req.file);
    res.json({ url: file.url });
    incrementMetric('uploads');
  } catch (err) {
    next(err);
  }
});

module.exports = router;
