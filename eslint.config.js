// Lint rules, including the layer boundaries of docs/architecture.md: an import that
// crosses a layer the wrong way is an error, not a style question.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'
import pluginVue from 'eslint-plugin-vue'

const nodeBuiltins = { group: ['node:*'], message: 'This layer runs without Node.' }
const electron = {
  group: ['electron'],
  message: 'Only the Electron glue in src/main may import electron.',
}
const layer = (name, allowed) => ({
  group: [`**/${name}`, `**/${name}/**`],
  message: `This layer may import only ${allowed}.`,
})

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    rules: {
      // Message text is always text: nothing a user typed may become markup.
      'vue/no-v-html': 'error',
      'vue/no-v-text-v-html-on-component': 'error',
      // TypeScript checks names (vue-tsc); the core rule knows no DOM or TS types.
      'no-undef': 'off',
      // One app with no custom elements to clash with: Composer and Sidebar say what they are.
      'vue/multi-word-component-names': 'off',
    },
  },
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            electron,
            {
              group: ['vue', 'pinia', 'ws', 'better-sqlite3', 'ioredis'],
              message: 'src/shared is pure TypeScript.',
            },
            layer('server', 'src/shared'),
            layer('main', 'src/shared'),
            layer('preload', 'src/shared'),
            layer('renderer', 'src/shared'),
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electron,
            layer('src/main', 'src/shared'),
            layer('src/preload', 'src/shared'),
            layer('src/renderer', 'src/shared'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electron,
            layer('server', 'src/shared (talk to the server over the wire)'),
            layer('preload', 'src/shared'),
            layer('renderer', 'src/shared'),
          ],
        },
      ],
    },
  },
  {
    // The core's tests run against a real server: they may use its test fixtures, nothing else.
    files: ['src/main/core/**/*.test.ts', 'src/main/core/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electron,
            {
              regex: '(^|/)server/(?!testing/)',
              message: 'Core tests may import only server/testing fixtures.',
            },
            layer('preload', 'src/shared'),
            layer('renderer', 'src/shared'),
          ],
        },
      ],
    },
  },
  {
    // The glue hosts the bundled server in process ("host on this computer") through its two
    // public modules, and reaches the core only through its index.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)server/(?!(create-server|config)$)',
              message: 'src/main may import only server/create-server and server/config.',
            },
            {
              regex: '(^|/)core/(?!index$).+',
              message: 'The glue imports the core through src/main/core/index.ts only.',
            },
            layer('preload', 'src/shared'),
            layer('renderer', 'src/shared'),
          ],
        },
      ],
    },
  },
  {
    // Its tests also start servers through server/testing's fixtures, and drive the preload's
    // bridge against main's handlers.
    files: ['src/main/**/*.test.ts', 'src/main/testing/**/*.ts'],
    ignores: ['src/main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)server/(?!(create-server|config|testing/.+)$)',
              message: 'Glue tests may import server/testing fixtures and the hosting entry only.',
            },
            layer('renderer', 'src/shared'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('server', 'src/shared'),
            layer('main', 'src/shared'),
            layer('renderer', 'src/shared'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            electron,
            {
              group: ['ws', 'better-sqlite3', 'ioredis'],
              message: 'The renderer talks only to window.parley.',
            },
            layer('server', 'src/shared'),
            layer('main', 'src/shared'),
            layer('preload', 'src/shared'),
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electron,
            layer('src/main', 'src/shared'),
            layer('src/renderer', 'src/shared'),
          ],
        },
      ],
    },
  },
  {
    // The UI benchmark runs the renderer over a real core and desktop service, as the e2e
    // suite's test bridge does.
    files: ['bench/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electron,
            {
              regex: '(^|/)src/main/(?!(core|desktop)(/|$))',
              message: 'bench/ui may import only src/main/core and src/main/desktop.',
            },
            layer('src/renderer', 'src/shared'),
          ],
        },
      ],
    },
  },
  {
    // The client benchmark measures the desktop core itself.
    files: ['bench/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electron,
            {
              regex: '(^|/)src/main/(?!core(/|$))',
              message: 'bench/client measures src/main/core only.',
            },
            layer('src/renderer', 'src/shared'),
          ],
        },
      ],
    },
  },
)
