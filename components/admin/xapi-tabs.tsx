import { SegmentedLinks } from "@/components/ui/segmented";

/** The two views of the xAPI page: what statements became, and the mapping that decides it. */
export function XapiTabs({ active }: { active: "log" | "mapping" }) {
  return (
    <SegmentedLinks
      label="xAPI views"
      options={[
        { href: "/admin/xapi", label: "Statement log", active: active === "log" },
        { href: "/admin/xapi/mapping", label: "Mapping", active: active === "mapping" },
      ]}
    />
  );
}
