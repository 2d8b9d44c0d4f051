'use client';

import { ARENA_HEIGHT, ARENA_WIDTH, type BattleSide } from '@starscape/shared';
import { useEffect, useRef, type ReactNode } from 'react';
import type { FrameSource } from './frame';
import { BattleRenderer } from './renderer';
import styles from './battle.module.css';

export interface BattleCanvasProps {
  /**
   * Called once per display refresh (requestAnimationFrame) with its timestamp; returns the two snapshots to
   * draw and the alpha between them. Read through a ref: a new function takes effect on the next frame without
   * restarting anything.
   */
  frame: FrameSource;
  /** arena size in arena units (the canvas keeps this aspect); the shared ARENA_WIDTH × ARENA_HEIGHT by default */
  arena?: { width: number; height: number };
  /** what the picture shows, for screen readers (the controls around it carry the numbers) */
  label: string;
  /** the camera follows the fighting, zooming in on it (default), or shows the whole arena */
  follow?: boolean;
  /** a tap or click on an active unit (for a live view's focus-fire order); the canvas ignores clicks without it */
  onShipClick?: (shipId: number) => void;
  /** only this side's units answer a click (a commander's enemy); either side's without it */
  clickableSide?: BattleSide;
  /** drawn over the canvas, inside its box (banners, a result card) */
  children?: ReactNode;
  className?: string;
}

/**
 * The battle arena drawn on a 2D canvas: a dark starfield, a camera that follows the fighting, ships as small shapes per type in their side's colours,
 * hull bars, shots with glow, explosions, ships leaving over their edge. It scales to its container's width, keeps
 * the arena's aspect ratio and draws at the device's pixel ratio. It owns the animation loop and nothing else:
 * what to draw comes from `frame` every refresh, so the same component shows a replay or a live battle.
 */
export function BattleCanvas({ frame, arena, label, follow = true, onShipClick, clickableSide, children, className }: BattleCanvasProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<BattleRenderer | null>(null);
  const frameRef = useRef(frame);
  const followRef = useRef(follow);
  const clickRef = useRef(onShipClick);
  const clickableSideRef = useRef(clickableSide);
  const width = arena?.width ?? ARENA_WIDTH;
  const height = arena?.height ?? ARENA_HEIGHT;

  useEffect(() => {
    frameRef.current = frame;
    clickRef.current = onShipClick;
    clickableSideRef.current = clickableSide;
    followRef.current = follow;
    rendererRef.current?.setFollow(follow);
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    const box = boxRef.current;
    if (!canvas || !box) return;
    let renderer: BattleRenderer;
    try {
      renderer = new BattleRenderer(canvas);
    } catch {
      return; // no 2D context (very old browser, or blocked): the box stays dark, the controls still work
    }
    rendererRef.current = renderer;
    renderer.setFollow(followRef.current);
    const measure = () => {
      const rect = box.getBoundingClientRect();
      renderer.resize(rect.width, rect.height, Math.min(3, window.devicePixelRatio || 1), { width, height });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    // a zoom or a move to another screen changes the pixel ratio without resizing the box
    const media = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    media.addEventListener?.('change', measure);

    let raf = 0;
    const loop = (now: number) => {
      raf = requestAnimationFrame(loop);
      const current = frameRef.current(now);
      if (current) renderer.draw(current, now);
    };
    raf = requestAnimationFrame(loop);
    return () => {
      cancelAnimationFrame(raf);
      observer.disconnect();
      media.removeEventListener?.('change', measure);
      rendererRef.current = null;
    };
  }, [width, height]);

  const onClick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const handler = clickRef.current;
    const renderer = rendererRef.current;
    if (!handler || !renderer) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const id = renderer.shipAt(event.clientX - rect.left, event.clientY - rect.top, clickableSideRef.current);
    if (id >= 0) handler(id);
  };

  return (
    <div ref={boxRef} className={`${styles.arena} ${className ?? ''}`} style={{ aspectRatio: `${width} / ${height}` }}>
      <canvas ref={canvasRef} className={styles.canvas} role="img" aria-label={label} onClick={onShipClick ? onClick : undefined} />
      {children}
    </div>
  );
}
