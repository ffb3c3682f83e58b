import type { Cloud } from "../../config/types";
import { AWS_COMMANDS } from "./aws";
import { AZURE_COMMANDS } from "./azure";
import { GCP_COMMANDS } from "./gcp";
import type { CloudCommands } from "./types";

const TABLES: Partial<Record<Cloud, CloudCommands>> = { aws: AWS_COMMANDS, azure: AZURE_COMMANDS, gcp: GCP_COMMANDS };

/** The cloud's command table; a cloud without one has no generated runbook yet. */
export function commandsFor(cloud: Cloud): CloudCommands {
  const table = TABLES[cloud];
  if (!table) throw new Error(`no runbook commands for cloud ${cloud}`);
  return table;
}
