import { createTheme } from '@mui/material/styles';
import { zhCN } from '@mui/material/locale';

// The bundled Noto Sans SC comes first so every PC draws the same Chinese glyphs.
export const theme = createTheme(
  {
    palette: {
      primary: { main: '#1f5fa8' },
      secondary: { main: '#b3541e' },
      background: { default: '#f4f6f9' },
    },
    typography: {
      fontFamily: '"Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif',
      fontSize: 14,
    },
    components: {
      MuiTextField: { defaultProps: { size: 'small' } },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTableCell: { styleOverrides: { head: { fontWeight: 700, whiteSpace: 'nowrap' } } },
    },
  },
  zhCN,
);
