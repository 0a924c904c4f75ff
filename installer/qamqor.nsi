; Qamqor — Windows installer (NSIS 3, Modern UI 2, stock plugins only).
;
; Modelled on qutebrowser's misc/nsis/ (per-machine or per-user install, upgrade by running the
; old uninstaller first, an Add/Remove Programs entry), but built on NSIS's own MultiUser.nsh
; instead of the NsisMultiUser/UAC plugins, so a plain NSIS 3 installation can compile it.
;
; Usually compiled by installer/build.py, which passes the version and the folder PyInstaller made:
;
;   makensis /DVERSION=0.1.0 /DDIST_DIR=C:\src\qamqor\dist\Qamqor
;            /DOUT_FILE=C:\src\qamqor\dist\Qamqor-0.1.0-setup.exe installer\qamqor.nsi
;
; Silent install: Qamqor-…-setup.exe /S [/AllUsers | /CurrentUser] [/D=C:\Path\Qamqor]
; Silent uninstall: "…\uninstall.exe" /S
;
; THE USER'S DATA IS NOT PART OF THE INSTALLATION. The database (qamqor.sqlite3, the demo
; database, the copies taken before each schema upgrade), settings.json and the cache live in
; the user's AppData folder, chosen by platformdirs (app/paths.py):
;   %LOCALAPPDATA%\Qamqor\Qamqor\          data (and %LOCALAPPDATA%\Qamqor\Qamqor\Cache)
; (or QAMQOR_DATA_DIR when set; or, portable, the "data" folder beside Qamqor.exe when a file
; portable.txt lies next to it). Neither the installer nor the uninstaller touches that folder:
; an upgrade or an uninstall keeps every record. The per-user program folder is
; %LOCALAPPDATA%\Programs\Qamqor, which is a different folder.

!ifdef AMD64
  ; /DAMD64: a 64-bit setup program. Needs an NSIS build with amd64-unicode stubs and plugins
  ; (Debian's has them; the official Windows download has x86 only, which is fine: the default
  ; 32-bit setup program installs the 64-bit Qamqor just the same).
  Target amd64-unicode
!else
  Unicode true
!endif
ManifestDPIAware true
!ifdef FAST_COMPRESSION
  ; /DFAST_COMPRESSION: CI's check of the script (installer/build.py --smoke on Linux) — zlib takes a minute
  ; where LZMA over the whole folder takes many on a busy 2-core machine; the setup program is larger
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
  SetCompressorDictSize 64  ; Qamqor.exe and qamqor-cli.exe share most of their bytes
!endif

;--------------------------------------------------------------------------------------------------
; What is being installed (build.py passes these from pyproject.toml)

!define APP_NAME "Qamqor"
; CI compiles this script against the Linux build of the same spec (installer/build.py --smoke), whose
; programs have no ".exe": it passes /DEXE_SUFFIX= (empty). That setup program is a check, never handed out.
!define /ifndef EXE_SUFFIX ".exe"
!define MAIN_EXE "Qamqor${EXE_SUFFIX}"
!define CLI_EXE "qamqor-cli${EXE_SUFFIX}"
!define UNINSTALLER "uninstall.exe"
!define /ifndef PUBLISHER "Qamqor"
!define /ifndef DESCRIPTION "Qamqor: records of a special social services organisation"
!ifndef VERSION
  !error "Pass the version: makensis /DVERSION=x.y.z … (installer/build.py does)"
!endif
!define /ifndef VERSION_NUMERIC "${VERSION}.0"  ; four numbers for the file's version resource
!define /ifndef DIST_DIR "${__FILEDIR__}\..\dist\${APP_NAME}"
!define /ifndef OUT_FILE "${__FILEDIR__}\..\dist\${APP_NAME}-${VERSION}-setup.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"

!if /FileExists "${DIST_DIR}\${MAIN_EXE}"
!else
  !error "No ${DIST_DIR}\${MAIN_EXE}: build the program first (python installer/build.py)"
!endif

Name "${APP_NAME}"
OutFile "${OUT_FILE}"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION_NUMERIC}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} ${VERSION} Setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

;--------------------------------------------------------------------------------------------------
; Per-machine by default (Program Files, all users; the UAC prompt asks an administrator), per-user
; when the account is not an administrator or the user chooses it (%LOCALAPPDATA%\Programs\Qamqor,
; no administrator rights needed). /AllUsers or /CurrentUser on the command line choose too.

!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_USE_PROGRAMFILES64  ; the PyInstaller bundle is 64-bit
!define MULTIUSER_INSTALLMODE_INSTDIR "${APP_NAME}"
; an upgrade goes where the previous version is, in the same mode
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallLocation"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallLocation"
; MultiUser.nsh sets $INSTDIR for the mode; a folder given with /D=… must win over it
!define MULTIUSER_INSTALLMODE_FUNCTION KeepCommandLineInstDir

!include "MultiUser.nsh"
!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"
!include "WinVer.nsh"

;--------------------------------------------------------------------------------------------------
; Pages

!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
; the installer's language, remembered for the next upgrade and for the uninstaller
!define MUI_LANGDLL_REGISTRY_ROOT SHCTX
!define MUI_LANGDLL_REGISTRY_KEY "${UNINST_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES  ; offer Kazakh on a Russian-language Windows and the other way round

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION RunProgram
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

;--------------------------------------------------------------------------------------------------
; Languages: Kazakh first (the default when Windows speaks neither), Russian, English.
; NSIS 3 ships Russian and English but no Kazakh: installer/nsis/Kazakh.nlf and Kazakh.nsh are ours.

!insertmacro MUI_LANGUAGEEX "${__FILEDIR__}\nsis" "Kazakh"
!insertmacro MUI_LANGUAGE "Russian"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString SEC_PROGRAM ${LANG_KAZAKH} "${APP_NAME} бағдарламасы"
LangString SEC_PROGRAM ${LANG_RUSSIAN} "Программа ${APP_NAME}"
LangString SEC_PROGRAM ${LANG_ENGLISH} "${APP_NAME} program"
LangString SEC_STARTMENU ${LANG_KAZAKH} "«Бастау» мәзіріндегі жарлық"
LangString SEC_STARTMENU ${LANG_RUSSIAN} "Ярлык в меню «Пуск»"
LangString SEC_STARTMENU ${LANG_ENGLISH} "Start menu shortcut"
LangString SEC_DESKTOP ${LANG_KAZAKH} "Жұмыс үстеліне жарлық"
LangString SEC_DESKTOP ${LANG_RUSSIAN} "Ярлык на рабочем столе"
LangString SEC_DESKTOP ${LANG_ENGLISH} "Desktop shortcut"
LangString DESC_PROGRAM ${LANG_KAZAKH} "Бағдарлама файлдары (міндетті). Дерекқор мен баптаулар пайдаланушының AppData қалтасында сақталады."
LangString DESC_PROGRAM ${LANG_RUSSIAN} "Файлы программы (обязательно). База данных и настройки хранятся в папке AppData пользователя."
LangString DESC_PROGRAM ${LANG_ENGLISH} "The program files (required). The database and settings are kept in the user's AppData folder."
LangString DESC_STARTMENU ${LANG_KAZAKH} "${APP_NAME} жарлығын «Бастау» мәзіріне қосу."
LangString DESC_STARTMENU ${LANG_RUSSIAN} "Добавить ярлык ${APP_NAME} в меню «Пуск»."
LangString DESC_STARTMENU ${LANG_ENGLISH} "Add a ${APP_NAME} shortcut to the Start menu."
LangString DESC_DESKTOP ${LANG_KAZAKH} "${APP_NAME} жарлығын жұмыс үстеліне қосу."
LangString DESC_DESKTOP ${LANG_RUSSIAN} "Добавить ярлык ${APP_NAME} на рабочий стол."
LangString DESC_DESKTOP ${LANG_ENGLISH} "Add a ${APP_NAME} shortcut to the desktop."
LangString MSG_NEEDS_X64 ${LANG_KAZAKH} "${APP_NAME} үшін Windows 10 немесе 11 (64 биттік) қажет."
LangString MSG_NEEDS_X64 ${LANG_RUSSIAN} "Для ${APP_NAME} нужна Windows 10 или 11 (64-разрядная)."
LangString MSG_NEEDS_X64 ${LANG_ENGLISH} "${APP_NAME} needs 64-bit Windows 10 or 11."
LangString MSG_REMOVING_OLD ${LANG_KAZAKH} "Алдыңғы нұсқа жойылып жатыр (деректер сақталады): "
LangString MSG_REMOVING_OLD ${LANG_RUSSIAN} "Удаление предыдущей версии (данные сохраняются): "
LangString MSG_REMOVING_OLD ${LANG_ENGLISH} "Removing the previous version (the data is kept): "
LangString MSG_OLD_FAILED ${LANG_KAZAKH} "Алдыңғы нұсқаны жою мүмкін болмады. ${APP_NAME} жабық екенін тексеріп, орнатуды қайта іске қосыңыз."
LangString MSG_OLD_FAILED ${LANG_RUSSIAN} "Не удалось удалить предыдущую версию. Убедитесь, что ${APP_NAME} закрыт, и запустите установку снова."
LangString MSG_OLD_FAILED ${LANG_ENGLISH} "The previous version could not be removed. Make sure ${APP_NAME} is closed and run Setup again."
LangString MSG_DATA_KEPT ${LANG_KAZAKH} "Дерекқор мен баптаулар жойылмады: %LOCALAPPDATA%\${APP_NAME}"
LangString MSG_DATA_KEPT ${LANG_RUSSIAN} "База данных и настройки не удалены: %LOCALAPPDATA%\${APP_NAME}"
LangString MSG_DATA_KEPT ${LANG_ENGLISH} "The database and settings were not removed: %LOCALAPPDATA%\${APP_NAME}"

;--------------------------------------------------------------------------------------------------
; Installer

Var CmdLineInstDir

Function .onInit
  StrCpy $CmdLineInstDir $INSTDIR  ; only /D=… sets it this early (the script has no InstallDir)
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "$(MSG_NEEDS_X64)" /SD IDOK
    SetErrorLevel 1
    Quit
  ${EndIf}
  SetRegView 64  ; the same registry view the 64-bit program and its uninstaller see
  !insertmacro MULTIUSER_INIT
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function KeepCommandLineInstDir
  ${If} $CmdLineInstDir != ""
    StrCpy $INSTDIR $CmdLineInstDir
  ${EndIf}
FunctionEnd

; Upgrade: run the uninstaller of the installation in the chosen mode (per-machine or per-user)
; first, silently and in place, so that files of the old version that the new one no longer has do
; not stay behind. It removes the program folder's files only — never the data in AppData.
Function RemovePreviousVersion
  ReadRegStr $0 SHCTX "${UNINST_KEY}" "UninstallerPath"
  ReadRegStr $1 SHCTX "${UNINST_KEY}" "InstallLocation"
  ${If} $0 == ""
  ${OrIfNot} ${FileExists} "$0"
    Return
  ${EndIf}
  ReadRegStr $2 SHCTX "${UNINST_KEY}" "DisplayVersion"
  DetailPrint "$(MSG_REMOVING_OLD)$2 ($1)"
  ClearErrors
  ; _?= keeps the uninstaller in place (no copy to %TEMP%), so ExecWait really waits for it
  ExecWait '"$0" /S /$MultiUser.InstallMode _?=$1' $3
  ${If} ${Errors}
  ${OrIf} $3 <> 0
    MessageBox MB_OK|MB_ICONSTOP "$(MSG_OLD_FAILED)" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  Delete "$0"  ; run in place, the old uninstaller could not delete itself
  RMDir "$1"   ; only if empty: a new folder was chosen, or nothing else is there
FunctionEnd

Section "!$(SEC_PROGRAM)" SecProgram
  SectionIn RO
  Call RemovePreviousVersion

  SetOutPath "$INSTDIR"
  ; the one-folder bundle: Qamqor.exe, qamqor-cli.exe and _internal\ (Python, Qt, the resources)
  File /r "${DIST_DIR}\*.*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  ; Add/Remove Programs (HKLM for a per-machine install, HKCU for a per-user one)
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Comments" "${DESCRIPTION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${MAIN_EXE},0"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallerPath" "$INSTDIR\${UNINSTALLER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S /$MultiUser.InstallMode'
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${If} ${Silent}  ; MUI saves the language only when its pages ran
    WriteRegStr SHCTX "${UNINST_KEY}" "InstallerLanguage" $LANGUAGE
  ${EndIf}
SectionEnd

Section "$(SEC_STARTMENU)" SecStartMenu
  ; $SMPROGRAMS is the all-users Start menu in a per-machine install (MultiUser sets the context)
  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${MAIN_EXE}" "" "$INSTDIR\${MAIN_EXE}" 0 \
    SW_SHOWNORMAL "" "${DESCRIPTION}"
SectionEnd

Section "$(SEC_DESKTOP)" SecDesktop
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${MAIN_EXE}" "" "$INSTDIR\${MAIN_EXE}" 0 \
    SW_SHOWNORMAL "" "${DESCRIPTION}"
SectionEnd

Section "-Size"  ; hidden, last: the size shown in Add/Remove Programs
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} "$(DESC_PROGRAM)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecStartMenu} "$(DESC_STARTMENU)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(DESC_DESKTOP)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; "Run Qamqor" on the last page. The installer may run elevated (as an administrator); started
; directly, the program would run elevated too, and with another administrator account's AppData
; (a different database). Explorer starts it as the signed-in user instead.
Function RunProgram
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\${MAIN_EXE}"'
FunctionEnd

;--------------------------------------------------------------------------------------------------
; Uninstaller: removes what the installer put in the program folder, the shortcuts and the
; registry entry. It deliberately leaves %LOCALAPPDATA%\Qamqor (database, settings, cache) alone.

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  ; the bundle, by name: never RMDir /r "$INSTDIR" — it may be a folder the user chose with other
  ; things in it. _internal\ is wholly ours (including any __pycache__ Python wrote there).
  Delete "$INSTDIR\${MAIN_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  DeleteRegKey SHCTX "${UNINST_KEY}"
  ; NOT removed, on purpose: $LOCALAPPDATA\Qamqor\Qamqor (the database and its backups,
  ; settings.json, the cache). Reinstalling finds everything as it was.
  DetailPrint "$(MSG_DATA_KEPT)"
SectionEnd
