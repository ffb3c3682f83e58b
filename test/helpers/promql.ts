import { parser } from "@prometheus-io/lezer-promql";

/**
 * Where a PromQL expression fails to parse, by Prometheus' own grammar (the parser of the Prometheus UI): the
 * operator's admission webhook validates every PrometheusRule, so an expression it refuses fails `pulumi up`
 * at apply time. Undefined when it parses.
 */
export function promqlError(expr: string): string | undefined {
  let at: number | undefined;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError && at === undefined) at = node.from;
    },
  });
  return at === undefined ? undefined : `does not parse at character ${at}: ${JSON.stringify(expr.slice(Math.max(0, at - 20), at + 20))}`;
}
