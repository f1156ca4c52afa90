export { SupportBanner, type MonthlyProgress } from "./support-banner";
export { SupportDialog, type SupportDialogCopy } from "./support-dialog";
export { SupportInline } from "./support-inline";
