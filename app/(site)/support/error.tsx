"use client";

export { default } from "../[ask]/error";
