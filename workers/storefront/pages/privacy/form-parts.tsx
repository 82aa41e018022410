// The privacy pages' empty refusal; the refusal markup is the shop-wide one in ../form-parts.
import type { FormErrors } from "../form-parts";

export type { FormErrors };

export const noErrors = <F extends string>(): FormErrors<F> => ({ fields: {}, form: [] });
