// The renderer's entry: Pinia, vue-i18n and the root component, mounted on #app.
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import './styles/tokens.css'
import './styles/base.css'

createApp(App).use(createPinia()).use(createAppI18n()).mount('#app')
