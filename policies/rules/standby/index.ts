import type { DalpPolicy } from "../kit";
import { oneActiveRule } from "./activeStamp";
import { standbyRoutingRule } from "./routing";
import { prestagedSecretsRule } from "./secrets";
import { standbyValidatorsRule } from "./validators";

export const standbyRules: DalpPolicy[] = [oneActiveRule, standbyValidatorsRule, standbyRoutingRule, prestagedSecretsRule];
