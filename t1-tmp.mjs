import { createTLSchema } from '@tldraw/tlschema';
const s1 = createTLSchema().serialize();
let s2, s3;
try {
  const ed = await import('@tldraw/editor');
  const st = ed.createTLStore({});
  s2 = st.schema.serialize();
  console.log('editor createTLStore OK', Object.keys(st.serialize()));
} catch (e) { console.log('editor fail', e.message); }
try {
  const td = await import('tldraw');
  const st = td.createTLStore({ shapeUtils: td.defaultShapeUtils, bindingUtils: td.defaultBindingUtils });
  s3 = st.schema.serialize();
  console.log('tldraw createTLStore OK');
} catch (e) { console.log('tldraw fail', e.stack); }
console.log(JSON.stringify(s1));
console.log(JSON.stringify(s1) === JSON.stringify(s2), JSON.stringify(s1) === JSON.stringify(s3));
if (s3) console.log(JSON.stringify(s3));
