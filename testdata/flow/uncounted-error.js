// Two loops' callbacks collect into one array, and the last to complete the count answers. A
// callback that fails and passes the error on without adding to the count keeps the count from
// completing, so the collected answer never follows that error (no #2 -> #3); one that counts the
// failure first can be followed by it (#0 -> #3).
app.get('/history', (req, res, next) => {
  const history = [];
  const total = req.user.readings.length + req.user.bookings.length;
  req.user.readings.forEach((reading) => {
    Book.findById(reading.book, (err, book) => {
      if (err) {
        history.push({ type: 'reading', error: err.message });
        return next(err);
      }
      history.push({ type: 'reading', book });
      if (history.length === total) res.send(history);
    });
  });
  req.user.bookings.forEach((booking) => {
    Book.findById(booking.book, (err, book) => {
      if (err) return next(err);
      history.push({ type: 'booking', book });
      if (history.length === total) res.send(history);
    });
  });
});
