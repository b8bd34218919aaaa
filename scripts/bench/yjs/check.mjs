// check.mjs - the Node half of check.sh: decodes with yjs itself what the
// C clients (check.c) sent and got.
//
// usage: node check.mjs OUTDIR   (OUTDIR as written by `check relay`)
//
// 1. OUTDIR/state, the sync step 2 the server sent client C, applied to an
//    empty Y.Doc, must hold exactly the three texts, in order, in the
//    Y.Array "room" (byte for byte as UTF-8).
// 2. yjs_update must write what yjs writes: a Y.Doc whose clientID is A's,
//    pushing the same texts one transaction each, must emit updates equal
//    to OUTDIR/update.N.
import * as Y from 'yjs'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
const read = name => readFileSync(join(dir, name))
const client = Number(read('client').toString())
const texts = [0, 1, 2].map(i => read(`text.${i}`))
let failures = 0
const fail = msg => { console.error(`check.mjs: FAIL: ${msg}`); failures++ }

const doc = new Y.Doc()
Y.applyUpdate(doc, read('state'))
const got = doc.getArray('room').toArray()
if (doc.store.pendingStructs !== null) fail('the state left structs pending')
if (got.length !== texts.length) {
  fail(`"room" holds ${got.length} elements, not ${texts.length}`)
}
texts.forEach((t, i) => {
  if (typeof got[i] !== 'string' || !Buffer.from(got[i], 'utf8').equals(t)) {
    fail(`element ${i} is not text ${i}`)
  }
})
console.log(`check.mjs: the server's document holds ${got.length} strings ` +
  `(${got.map(s => Buffer.byteLength(s)).join(', ')} bytes)` +
  (failures === 0 ? ', in order' : ''))

const ref = new Y.Doc()
ref.clientID = client
const updates = []
ref.on('update', u => updates.push(u))
texts.forEach(t => ref.getArray('room').push([t.toString('utf8')]))
texts.forEach((_, i) => {
  const mine = read(`update.${i}`)
  if (updates[i] === undefined || !Buffer.from(updates[i]).equals(mine)) {
    fail(`yjs_update's update ${i} (${mine.length} bytes) differs from yjs' ` +
      `(${updates[i] ? updates[i].length : 0} bytes)`)
  }
})
if (failures === 0) console.log('check.mjs: yjs_update writes what yjs writes')
process.exit(failures === 0 ? 0 : 1)
