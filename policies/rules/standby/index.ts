import type { DalpPolicy } from "../kit";
import { oneActiveRule } from "./activeStamp";
import { prestagedSecretsRule } from "./secrets";
import { standbyValidatorsRule } from "./validators";

export const standbyRules: DalpPolicy[] = [oneActiveRule, standbyValidatorsRule, prestagedSecretsRule];
