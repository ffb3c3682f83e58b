import { execFile } from "child_process";
import * as https from "https";
import * as pulumi from "@pulumi/pulumi";
import { AKS_ENTRA_SERVER_ID } from "./kubeconfig";

/** One look at whether the deployer may already write to the cluster: allowed, or why not yet. */
export type AccessProbe = () => Promise<{ allowed: true } | { allowed: false; reason: string }>;

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Azure RBAC for Kubernetes authorization applies a new role assignment "up to five minutes" after it is made
 * (learn.microsoft.com/azure/aks/entra-id-authorization, Prerequisites; MicrosoftDocs/azure-aks-docs ms.date
 * 2026-08-18, read 2026-11-22). Twice that, so a slow propagation does not fail the run: an estimate.
 */
export const ACCESS_WAIT: WaitOptions = { timeoutMs: 10 * 60_000, intervalMs: 15_000 };

/** Probes until access is granted; after the timeout fails with the last reason, so the run stops with a cause. */
export async function waitForAccess(probe: AccessProbe, options: WaitOptions): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const result = await probe().catch((err: unknown) => ({ allowed: false as const, reason: err instanceof Error ? err.message : String(err) }));
    if (result.allowed) return;
    if (now() >= deadline) {
      throw new Error(
        `the AKS API did not let this deployer create StorageClasses within ${Math.round(options.timeoutMs / 60_000)} minutes (last answer: ${result.reason}). ` +
          "Check that the machine running pulumi up reaches the API as dalp:cluster.apiAccess says, that `az login` is the identity that created the cluster " +
          "or a member of a group in dalp:cluster.adminPrincipals, and run pulumi up again.",
      );
    }
    await sleep(options.intervalMs);
  }
}

/** A token for the AKS server application, from the same `kubelogin` call the stack's kubeconfig makes. */
function kubeloginToken(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("kubelogin", ["get-token", "--login", "azurecli", "--server-id", AKS_ENTRA_SERVER_ID], { timeout: 60_000 }, (err, stdout) => {
      if (err) return reject(new Error(`kubelogin get-token failed: ${err.message}`));
      try {
        const token = (JSON.parse(stdout) as { status?: { token?: string } }).status?.token;
        if (!token) return reject(new Error("kubelogin returned no token"));
        resolve(token);
      } catch {
        reject(new Error("kubelogin returned something that is not an ExecCredential"));
      }
    });
  });
}

/**
 * Asks the API server whether the caller may create StorageClasses, the first thing the stack installs: a
 * SelfSubjectAccessReview, which every authenticated user may send, answered by Kubernetes RBAC (admin groups)
 * and the Azure RBAC webhook together.
 */
export function selfSubjectAccessProbe(server: string, caBase64: string, token: () => Promise<string> = kubeloginToken): AccessProbe {
  return async () => {
    const body = JSON.stringify({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      spec: { resourceAttributes: { verb: "create", group: "storage.k8s.io", resource: "storageclasses" } },
    });
    const bearer = await token();
    const url = new URL("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", server);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = https.request(url, {
        method: "POST",
        ca: Buffer.from(caBase64, "base64"),
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearer}`, "Content-Length": Buffer.byteLength(body) },
        timeout: 30_000,
      }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("timeout", () => req.destroy(new Error(`no answer from ${url.host} within 30 s`)));
      req.on("error", reject);
      req.end(body);
    });
    if (answer.status !== 201 && answer.status !== 200) return { allowed: false, reason: `HTTP ${answer.status} from ${url.host}` };
    const status = (JSON.parse(answer.text) as { status?: { allowed?: boolean; reason?: string } }).status;
    return status?.allowed ? { allowed: true } : { allowed: false, reason: status?.reason || "not allowed yet" };
  };
}

/**
 * Whether this run changes a real cluster: `pulumi up`, not a preview and not the offline planner (whose mock
 * monitor has no engine). Only then is there an API to wait for.
 */
export function isLiveUpdate(): boolean {
  return pulumi.runtime.hasEngine() && !pulumi.runtime.isDryRun();
}
