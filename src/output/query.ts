// `--query` and every other JMESPath use in kumo: see ./query/index.ts.
export * from "./query/index.ts";
