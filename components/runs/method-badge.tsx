import { METHOD_LABELS, type Method } from "@/lib/schemas/run";

export type MethodBadgeProps = { method: Method };

export function MethodBadge({ method }: MethodBadgeProps) {
  return <span className={`badge badge-method badge-method-${method}`}>{METHOD_LABELS[method]}</span>;
}
