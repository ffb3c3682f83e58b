/* eslint-disable @typescript-eslint/no-require-imports */
import * as pulumi from "@pulumi/pulumi";
import type { AliasSpec, CustomTimeouts, PlannedInvoke, PlannedResource } from "./model";
import { durationSeconds, isSecretValue, secretValue } from "./model";
import { answerInvoke, answerResource } from "./mocks";

// The SDK's mock monitor: the in-process stand-in for the engine that `pulumi.runtime.setMocks` installs.
// It is not in the SDK's type declarations, so its shape is declared here for what this file uses.
interface MockMonitorBase {
  newUrn(parent: string, type: string, name: string): string;
  resources: Map<string, { urn: string; id: string | null; state: unknown }>;
}
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as {
  MockMonitor: new (mocks: pulumi.runtime.Mocks) => MockMonitorBase;
};
const rpc = require("@pulumi/pulumi/runtime/rpc") as {
  deserializeProperties(struct: unknown, keepUnknowns?: boolean): Record<string, unknown>;
  serializeProperties(label: string, props: Record<string, unknown>): Promise<Record<string, unknown>>;
};
const structproto = require("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(v: unknown): unknown } };
const resproto = require("@pulumi/pulumi/proto/resource_pb") as {
  RegisterResourceResponse: new () => { setUrn(u: string): void; setId(i: string): void; setObject(o: unknown): void };
};

/** The parts of a RegisterResourceRequest the planner records. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void };
  getObject(): unknown;
  getImportid(): string;
  /** Structured aliases (the SDK sends these when the monitor supports alias specs, as this one does). */
  getAliasesList(): AliasMessage[];
  /** Plain alias URNs, from SDKs that predate alias specs. */
  getAliasurnsList(): string[];
  getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string; getRead(): string } | undefined;
}

interface AliasMessage {
  hasUrn(): boolean;
  getUrn(): string;
  hasSpec(): boolean;
  getSpec(): {
    getName(): string;
    getType(): string;
    getStack(): string;
    getProject(): string;
    hasParenturn(): boolean;
    getParenturn(): string;
    hasNoparent(): boolean;
    getNoparent(): boolean;
  };
}

/** The aliases of a registration in the planner's shape; empty strings in a spec mean "the resource's own". */
function aliasesOf(req: RegisterRequest): AliasSpec[] {
  const specs: AliasSpec[] = req.getAliasesList().map((alias): AliasSpec => {
    if (alias.hasUrn()) return { urn: alias.getUrn() };
    const spec = alias.getSpec();
    const out: AliasSpec = {};
    if (spec.getName()) out.name = spec.getName();
    if (spec.getType()) out.type = spec.getType();
    if (spec.getStack()) out.stack = spec.getStack();
    if (spec.getProject()) out.project = spec.getProject();
    if (spec.hasParenturn() && spec.getParenturn()) out.parentUrn = spec.getParenturn();
    if (spec.hasNoparent() && spec.getNoparent()) out.noParent = true;
    return out;
  });
  return [...specs, ...req.getAliasurnsList().map((urn) => ({ urn }))];
}

/**
 * The `customTimeouts` of a registration (the SDK sends empty strings for those not set). A value the engine could
 * not parse stops the registration there, and here too, naming the resource.
 */
function customTimeoutsOf(req: RegisterRequest): CustomTimeouts {
  const sent = req.getCustomtimeouts();
  const out: CustomTimeouts = {};
  if (!sent) return out;
  const given: Array<[keyof CustomTimeouts, string]> = [
    ["create", sent.getCreate()],
    ["update", sent.getUpdate()],
    ["delete", sent.getDelete()],
    ["read", sent.getRead()],
  ];
  for (const [operation, value] of given) {
    if (!value) continue;
    try {
      durationSeconds(value);
    } catch (err) {
      throw new Error(`${req.getType()} ${req.getName()}: customTimeouts.${operation}: ${(err as Error).message}`);
    }
    out[operation] = value;
  }
  return out;
}

type Callback = (err: unknown, resp?: unknown) => void;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A mock monitor that records every registration the way the engine would see it: type, name, URN, parent,
 * provider, dependencies, property dependencies, options (aliases and custom timeouts among them), inputs and the mock provider's
 * outputs.
 */
export class CaptureMonitor extends MockMonitor {
  readonly planned: PlannedResource[] = [];
  /** Every provider function the program called, with the provider it went through. */
  readonly invokes: PlannedInvoke[] = [];
  private readonly byUrn = new Map<string, PlannedResource>();

  constructor() {
    super({
      newResource: () => {
        throw new Error("registrations are answered by CaptureMonitor.registerResource");
      },
      call: (args: pulumi.runtime.MockCallArgs) => {
        this.invokes.push({ token: args.token, args: args.inputs, provider: args.provider });
        return answerInvoke(args.token, args.inputs, this.providerInputs(args.provider));
      },
    });
  }

  /**
   * Inputs of the provider a reference (`urn::id`) points to. Providers receive structured settings as JSON
   * text (as the engine passes them); they are parsed back for the mock answers.
   */
  providerInputs(ref: string | undefined): Record<string, unknown> {
    if (!ref) return {};
    const urn = ref.slice(0, ref.lastIndexOf("::"));
    const inputs = this.byUrn.get(urn)?.inputs ?? {};
    return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, typeof v === "string" && /^[[{]/.test(v) ? safeJson(v) : v]));
  }

  /**
   * URNs as the engine forms them: the type is qualified by the parent's whole type chain, and the root
   * stack is left out of it (the SDK's mock keeps only the parent's last type and includes the stack).
   */
  newUrn(parent: string, type: string, name: string): string {
    let qualified = type;
    if (parent) {
      const parentQualified = parent.split("::")[2];
      if (parentQualified !== "pulumi:pulumi:Stack") qualified = `${parentQualified}$${type}`;
    }
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
  }

  async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
    try {
      const type = req.getType();
      const name = req.getName();
      const customTimeouts = customTimeoutsOf(req);
      const parent = req.getParent();
      const urn = this.newUrn(parent, type, name);
      const inputs = rpc.deserializeProperties(req.getObject(), true);
      const provider = req.getProvider() || undefined;
      const { id, state } = answerResource({ type, name, urn, inputs, providerInputs: this.providerInputs(provider) });
      // The engine marks these outputs secret on the provider's behalf; so does the planner.
      for (const key of req.getAdditionalsecretoutputsList()) if (state[key] !== undefined && !isSecretValue(state[key])) state[key] = secretValue(state[key]);

      const propertyDependencies: Record<string, string[]> = {};
      req.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
      const custom = req.getCustom();
      const record: PlannedResource = {
        urn,
        type,
        name,
        custom,
        ...(custom ? { id } : {}),
        parent: parent || undefined,
        provider,
        protect: req.getProtect(),
        retainOnDelete: req.getRetainondelete(),
        deleteBeforeReplace: req.getDeletebeforereplace(),
        ignoreChanges: req.getIgnorechangesList(),
        aliases: aliasesOf(req),
        customTimeouts,
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        inputs,
        outputs: custom ? state : {},
      };
      this.planned.push(record);
      this.byUrn.set(urn, record);

      const serialized = await rpc.serializeProperties("", custom ? state : {});
      this.resources.set(urn, { urn, id: custom ? id : null, state: serialized });
      const response = new resproto.RegisterResourceResponse();
      response.setUrn(urn);
      response.setId(custom ? id : "");
      response.setObject(structproto.Struct.fromJavaScript(serialized));
      callback(null, response);
    } catch (err) {
      callback(err);
    }
  }

  registerResourceOutputs(req: { getUrn(): string; getOutputs(): unknown }, callback: Callback): void {
    try {
      const record = this.byUrn.get(req.getUrn());
      if (!record) throw new Error(`unknown resource ${req.getUrn()}`);
      const outputs = req.getOutputs();
      record.outputs = outputs ? rpc.deserializeProperties(outputs, true) : {};
      callback(null, {});
    } catch (err) {
      callback(err);
    }
  }
}
