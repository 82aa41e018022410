// `npm run docs:roles`: renders the role matrix (workers/vault/policy/role-matrix.ts) into
// docs/roles.md. A unit test fails when the committed file and the matrix disagree.
import { writeFileSync } from "node:fs";
import { renderRoleMatrix } from "../workers/vault/policy/render-matrix.ts";
import { ROLE_MATRIX } from "../workers/vault/policy/role-matrix.ts";

writeFileSync("docs/roles.md", renderRoleMatrix(ROLE_MATRIX));
console.log("docs/roles.md written");
