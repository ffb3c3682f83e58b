// The CrossGuard pack: `pulumi preview --policy-pack policies`. Only this file constructs the PolicyPack,
// because constructing it starts the analyzer's gRPC server; the rules live in ./rules, which the offline
// checker and the tests import as well.
import { PolicyPack } from "@pulumi/policy";
import { RULES } from "./rules";

new PolicyPack("dalp-ha", { policies: RULES });
