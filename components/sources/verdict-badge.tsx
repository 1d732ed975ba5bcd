export type VerdictBadgeProps = { disagrees: boolean };

export function VerdictBadge({ disagrees }: VerdictBadgeProps) {
  return disagrees ? <span className="badge badge-disagree">sources disagree</span> : <span className="badge badge-agree">sources agree</span>;
}
