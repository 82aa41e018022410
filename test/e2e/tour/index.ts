// Every page of the shop the browser tour visits, area by area.
import { corePages } from "./core.ts";
import type { TourPage } from "./types.ts";

export const tourPages: TourPage[] = [...corePages];
