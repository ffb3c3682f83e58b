import type { DiffRule, TypeRules } from "./types";
import { replaceOn } from "./types";

/**
 * @pulumi/random is bridged from hashicorp/terraform-provider-random, whose every argument carries a
 * `RequiresReplace` plan modifier (internal/provider/resource_password.go and resource_id.go, commit ad788e2,
 * read 2026-12-01): changing any of them generates a new value, and a regenerated database password locks every
 * client out until the new one is rolled out.
 */
const RANDOM = "hashicorp/terraform-provider-random@ad788e2 internal/provider";

const keepers = (file: string): DiffRule => ({
  path: "keepers",
  effect: "replace",
  condition: "a keeper value changes (RequiresReplaceIfValuesNotNull)",
  source: `${RANDOM}/${file}, read 2026-12-01`,
});

export const RANDOM_RULES: TypeRules[] = [
  {
    type: "random:index/randomPassword:RandomPassword",
    rules: [
      keepers("resource_password.go"),
      ...replaceOn(
        ["length", "special", "upper", "lower", "number", "numeric", "minNumeric", "minUpper", "minLower", "minSpecial", "overrideSpecial"],
        `${RANDOM}/resource_password.go, read 2026-12-01`,
      ),
    ],
  },
  { type: "random:index/randomId:RandomId", rules: [keepers("resource_id.go"), ...replaceOn(["byteLength", "prefix"], `${RANDOM}/resource_id.go, read 2026-12-01`)] },
];
