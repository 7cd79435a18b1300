import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export const SCREENS_DIR = path.join('test-results', 'screens');
export const PHONE = { name: 'phone', width: 390, height: 844 } as const;
export const LAPTOP = { name: 'laptop', width: 1280, height: 800 } as const;
export const SIZES = [PHONE, LAPTOP] as const;
export type ScreenSize = (typeof SIZES)[number];

/**
 * Checks that nothing sticks out sideways (the page is exactly as wide as the screen), then saves a
 * full-page picture in test-results/screens. With `resize`, sets the viewport to the size first.
 */
export async function capture(page: Page, name: string, size: ScreenSize, { resize = true } = {}) {
  if (resize) await page.setViewportSize({ width: size.width, height: size.height });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} at ${size.name} overflows horizontally`).toBeLessThanOrEqual(0);
  await page.screenshot({
    path: path.join(SCREENS_DIR, `${name}-${size.name}-${size.width}x${size.height}.png`),
    fullPage: true,
  });
}
