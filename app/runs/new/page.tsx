import type { Metadata } from "next";
import { SignInNotice } from "@/components/auth/sign-in-notice";
import { ImportDropZone } from "@/components/imports/import-drop-zone";
import { RunForm } from "@/components/runs/run-form";

export const metadata: Metadata = { title: "Log a run" };

export default function NewRunPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Log a run</h1>
          <p className="muted">Everything but method and model is optional. The API takes the same fields: POST /api/runs.</p>
        </div>
      </div>
      <SignInNotice action="log a run" />
      <ImportDropZone />
      <RunForm />
    </>
  );
}
