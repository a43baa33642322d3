"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = handler;
// Build output (ignored via .gitignore): sendonce must skip this file.
async function handler(req, res) {
    const data1 = await fetchDataFromSource1();
    res.json(data1);
    const data2 = await fetchDataFromSource2();
    res.json(data2);
}
async function fetchDataFromSource1() {
    return { source: '1', data: 'some data' };
}
async function fetchDataFromSource2() {
    return { source: '2', data: 'more data' };
}
