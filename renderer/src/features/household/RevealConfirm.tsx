import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { RevealRequest } from './useReveal';

interface Props {
  pending: RevealRequest | null;
  busy: boolean;
  error: Parameters<typeof ErrorAlert>[0]['error'];
  onConfirm: () => void;
  onCancel: () => void;
}

export function RevealConfirm({ pending, busy, error, onConfirm, onCancel }: Props) {
  return (
    <ConfirmDialog
      open={pending !== null}
      title="查看完整身份号码"
      confirmLabel="确认查看"
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <ErrorAlert error={error} />
      查看完整身份号码将记入审计日志。确定查看 <strong>{pending?.name}</strong> 的完整身份号码吗？
    </ConfirmDialog>
  );
}
