// Every page of the shop the browser tour visits, area by area.
import { accountPages } from "./account.ts";
import { afterSalesPages } from "./after-sales.ts";
import { corePages } from "./core.ts";
import { privacyPages } from "./privacy.ts";
import { shopPages } from "./shop.ts";
import { staffPages } from "./staff.ts";
import type { TourPage } from "./types.ts";

export const tourPages: TourPage[] = [
	...corePages,
	...shopPages,
	...accountPages,
	...afterSalesPages,
	...privacyPages,
	...staffPages,
];
