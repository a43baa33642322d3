// Two parameters that are not named or typed like a request and a response,
// in a function that is not registered as a handler: not ours to judge.
function mergeInto(target, source) {
  source.send(target);
  source.send(target);
}

module.exports = { mergeInto };
