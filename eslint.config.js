import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "data/**", "db/types.ts", "test-results/**", "playwright-report/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/tests/**", "../tests/*"], message: "app code never imports tests" }] }],
    },
  },
  {
    files: ["**/*.mjs", "server/**", "scripts/**"],
    languageOptions: { globals: { process: "readonly", console: "readonly", setTimeout: "readonly", URL: "readonly", Buffer: "readonly" } },
  },
  {
    // One clock (app/i18n/clock.ts): "now" and Tehran's "today" come from there so tests can move them.
    files: ["app/modules/**", "app/routes/**", "app/ui/**"],
    rules: {
      "no-restricted-syntax": ["error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Use now() from ~/i18n/clock (one clock, movable in tests)." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Use nowMs() from ~/i18n/clock (one clock, movable in tests)." },
        { selector: "TemplateElement[value.raw=/current_date|CURRENT_DATE/]", message: "Pass todayTehran() from ~/i18n/clock instead of SQL current_date (the server's day is not Tehran's)." },
      ],
    },
  },
  { files: ["tests/**"], rules: { "no-restricted-imports": "off" } },
);
