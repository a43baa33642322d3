// Found by tests/fuzz.rs: nested callbacks overflowed the 2 MiB worker stack (abort).
export default async function handler(req, res) {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
items.forEach((item) => {
res.json(item);
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});
});

}
