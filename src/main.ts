import { loadService } from "./services/load.ts";
const [svc, op, json] = process.argv.slice(2);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const s = await loadService(svc!);
const client = new s.module.Client({
  region: process.env.AWS_DEFAULT_REGION ?? "us-east-1",
  endpoint: process.env.AWS_ENDPOINT_URL,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
});
const Cmd = s.commandClass(op!);
try {
  const out = await client.send(new Cmd(JSON.parse(json ?? "{}")));
  delete out.$metadata;
  console.log(JSON.stringify(out, null, 2));
} catch (e) {
  console.error("ERR", (e as Error).name, (e as Error).message, (e as any).$metadata);
}
