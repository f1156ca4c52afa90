export { SupportBanner } from "./support-banner";
export { SupportDialog, type SupportDialogCopy } from "./support-dialog";
export { SupportInline } from "./support-inline";
export { AskNotices } from "./ask-notices";
