import { createApp } from 'vue';
import 'hersys-validator/attach.css';
import App from './App.vue';

createApp(App).mount('#app');
