// graphql-codegen: typed documents for every `graphql(...)` call in src/, from the contract
// (schema.graphql at the top of the repository), into src/gql/ (generated, not committed).
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema.graphql",
  documents: ["src/**/*.ts", "!src/gql/**/*"],
  generates: {
    "src/gql/": {
      preset: "client",
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        scalars: { Date: "string", DateTime: "string" },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
  ignoreNoDocuments: false,
};

export default config;
