// A ParleyErrorInfo as a sentence in the UI's language; codes without their own sentence show
// the core's message, which is written to be shown as it is.
import { useI18n } from 'vue-i18n'
import type { ParleyErrorInfo } from '../../shared/bridge'

export function useErrorText() {
  const { t, te } = useI18n()
  return (error: ParleyErrorInfo): string => {
    const key = `errors.${error.code}`
    return te(key) ? t(key, { message: error.message }) : error.message
  }
}
