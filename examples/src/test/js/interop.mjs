// Reads a plan (JSON) on stdin, answers on stdout, with Confluent's own JavaScript serdes:
//  - writes the plan's records with Avro and JSON Schema serializers pinned to each major version,
//  - reads its own records and the Java-written ones with deserializers pinned to each version
//    (JSONata migration rules run inside Confluent's client).
//  - with plan.cel, writes its records with an Avro serializer whose contract has CEL and
//    CEL_FIELD rules, answering the bytes or the error of each.
//  - with plan.headers, writes its records with HeaderSchemaIdSerializer (the schema GUID in the
//    __value_schema_id header), answering payload and header of each, and reads the Java-written
//    payloads with their headers through the default (Dual) deserializer.
//  - the demo's accounts contracts encrypt PII: the local KMS finds its secret in LOCAL_SECRET.
//  - with plan.encryption, under ENCRYPT / ENCRYPT_PAYLOAD contracts (local KMS with the plan's
//    secret, its DEK registry client talking HTTP to the same registry, its clock pinned to
//    plan.encryption.now), writes each case's records (bytes fields as hex) and reads the
//    Java-written ones, answering bytes and plain records.
// Exit code 0 when every step ran; errors are printed on stderr.
import {
  AvroDeserializer, AvroSerializer, CelExecutor, CelFieldExecutor, Clock, EncryptionExecutor,
  FieldEncryptionExecutor, HeaderSchemaIdSerializer, JsonDeserializer, JsonSerializer, JsonataExecutor,
  LocalKmsDriver, SchemaRegistryClient, SerdeType,
} from '@confluentinc/schemaregistry';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const plan = JSON.parse(Buffer.concat(chunks).toString('utf8'));

// The encryption executors' clock: the plan's, else the real one.
class PlanClock extends Clock { now() { return plan.encryption ? plan.encryption.now : Date.now(); } }
JsonataExecutor.register();
CelExecutor.register();
CelFieldExecutor.register();
FieldEncryptionExecutor.registerWithClock(new PlanClock());
EncryptionExecutor.registerWithClock(new PlanClock());
LocalKmsDriver.register();

const client = new SchemaRegistryClient({ baseURLs: [plan.registryUrl], cacheCapacity: 100 });
const pinned = (major) => ({ useLatestWithMetadata: { major_version: major }, autoRegisterSchemas: false });
const formats = {
  avro: { Serializer: AvroSerializer, Deserializer: AvroDeserializer },
  json: { Serializer: JsonSerializer, Deserializer: JsonDeserializer },
};

const out = { written: {}, readOwn: {}, readJava: {} };
for (const [format, { Serializer, Deserializer }] of Object.entries(formats)) {
  if (!plan[format]) continue;
  const topic = plan[format].topic;
  const written = [];
  for (const major of ['1', '2']) {
    const ser = new Serializer(client, SerdeType.VALUE, pinned(major));
    for (const record of plan[format].records[major]) {
      written.push((await ser.serialize(topic, record)).toString('base64'));
    }
  }
  out.written[format] = written;
  out.readOwn[format] = {};
  out.readJava[format] = {};
  for (const major of ['1', '2']) {
    const de = new Deserializer(client, SerdeType.VALUE, pinned(major));
    const read = async (b64) => de.deserialize(topic, Buffer.from(b64, 'base64'));
    out.readOwn[format][major] = [];
    for (const b64 of written) out.readOwn[format][major].push(await read(b64));
    out.readJava[format][major] = [];
    for (const b64 of plan[format].javaWritten) out.readJava[format][major].push(await read(b64));
  }
}
if (plan.cel) {
  const ser = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false });
  out.cel = [];
  for (const record of plan.cel.records) {
    try {
      out.cel.push({ bytes: (await ser.serialize(plan.cel.topic, record)).toString('base64') });
    } catch (e) {
      out.cel.push({ error: String(e && e.message ? e.message : e) });
    }
  }
}
if (plan.headers) {
  const ser = new AvroSerializer(client, SerdeType.VALUE,
    { ...pinned(plan.headers.major), schemaIdSerializer: HeaderSchemaIdSerializer });
  out.headers = { written: [], readJava: [] };
  for (const record of plan.headers.records) {
    const headers = {};
    const payload = await ser.serialize(plan.headers.topic, record, headers);
    out.headers.written.push({
      payload: payload.toString('base64'),
      header: Buffer.from(headers['__value_schema_id']).toString('base64'),
    });
  }
  const de = new AvroDeserializer(client, SerdeType.VALUE, pinned(plan.headers.major));
  for (const written of plan.headers.javaWritten) {
    const headers = { '__value_schema_id': Buffer.from(written.header, 'base64') };
    out.headers.readJava.push(await de.deserialize(plan.headers.topic, Buffer.from(written.payload, 'base64'), headers));
  }
}

if (plan.encryption) {
  const enc = plan.encryption;
  const config = { useLatestVersion: true, autoRegisterSchemas: false, ruleConfig: { secret: enc.secret } };
  const toRecord = (r) => ({ ...r, card: Buffer.from(r.card, 'hex') });
  const plain = (r) => ({ ...r, card: Buffer.from(r.card).toString('hex') });
  out.encryption = {};
  for (const c of enc.cases) {
    const ser = new AvroSerializer(client, SerdeType.VALUE, config);
    const de = new AvroDeserializer(client, SerdeType.VALUE, { ruleConfig: { secret: enc.secret } });
    const answer = { written: [], readJava: [] };
    for (const r of c.records) {
      answer.written.push((await ser.serialize(c.topic, toRecord(r))).toString('base64'));
    }
    for (const b64 of c.javaWritten) {
      answer.readJava.push(plain(await de.deserialize(c.topic, Buffer.from(b64, 'base64'))));
    }
    out.encryption[c.name] = answer;
  }
}
process.stdout.write(JSON.stringify(out));
