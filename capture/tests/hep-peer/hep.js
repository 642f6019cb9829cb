// The peer side of capture/tests/hep.rs: sipcapture's hep-js (the HEP3 library of
// Homer's Node.js tools) encapsulating and decapsulating packets, one JSON line in, one
// JSON line out.
//
//   node hep.js encapsulate   in: {"payload": TEXT, "rcinfo": {...}}  out: {"hep": HEX}
//   node hep.js decapsulate   in: {"hep": HEX}                       out: hep-js's object
//                                                                       (payload as HEX)
"use strict";
const HEPjs = require("hep-js");
const readline = require("readline");

const mode = process.argv[2];
if (mode !== "encapsulate" && mode !== "decapsulate") {
  console.error("usage: node hep.js encapsulate|decapsulate");
  process.exit(2);
}
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const input = JSON.parse(line);
  let out;
  if (mode === "encapsulate") {
    out = { hep: HEPjs.encapsulate(input.payload, input.rcinfo).toString("hex") };
  } else {
    const decoded = HEPjs.decapsulate(Buffer.from(input.hep, "hex"));
    if (decoded === false || decoded === undefined) {
      out = { error: true };
    } else {
      out = {
        rcinfo: decoded.rcinfo,
        payload: decoded.payload === undefined ? null : Buffer.from(decoded.payload, "utf8").toString("hex"),
      };
    }
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
