import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Camera scanning for phones: the browser's BarcodeDetector where it exists (Chrome on Android),
 * otherwise ZXing (loaded only now, it is large). Lazy-loaded by the sell screen.
 */

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
declare global {
  interface Window {
    BarcodeDetector?: new (opts: { formats: string[] }) => Detector;
  }
}

export default function CameraScanner({
  onScan,
  onClose,
}: {
  onScan: (code: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
    let stop = () => {};
    let done = false;
    const found = (code: string) => {
      if (done) return;
      done = true;
      onScan(code);
      onClose();
    };
    (async () => {
      try {
        if (window.BarcodeDetector) {
          const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
          stop = () => stream.getTracks().forEach((tr) => tr.stop());
          video.current!.srcObject = stream;
          await video.current!.play();
          const detector = new window.BarcodeDetector({
            formats: ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'qr_code'],
          });
          const tick = async () => {
            if (done) return;
            const codes = await detector.detect(video.current!).catch(() => []);
            if (codes[0]) found(codes[0].rawValue);
            else requestAnimationFrame(() => void tick());
          };
          void tick();
        } else {
          const { BrowserMultiFormatReader } = await import('@zxing/browser');
          const reader = new BrowserMultiFormatReader();
          const controls = await reader.decodeFromVideoDevice(undefined, video.current!, (result) => {
            if (result) found(result.getText());
          });
          stop = () => controls.stop();
        }
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      done = true;
      stop();
    };
  }, [onScan, onClose]);

  return (
    <dialog
      ref={dialog}
      className="sell-dialog sell-camera"
      aria-labelledby={titleId}
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <h2 id={titleId}>{t('sell.camera.title')}</h2>
      <video ref={video} muted playsInline className="sell-camera__video" />
      {error && (
        <p className="alert alert--error" role="alert">
          {t('sell.camera.error', { detail: error })}
        </p>
      )}
      <button type="button" className="button button--block" onClick={onClose}>
        {t('sell.common.close')}
      </button>
    </dialog>
  );
}
